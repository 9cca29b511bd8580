/** RULES.md is generated from the pack: ids, levels, descriptions, resource types and mappings. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { rulesMarkdown } from '../src/policy/rules-doc';

test('RULES.md lists every rule as the pack defines it (regenerate: npm run policy -- --rules-md > RULES.md)', () => {
  expect(readFileSync(path.resolve(__dirname, '..', 'RULES.md'), 'utf8')).toBe(rulesMarkdown());
});
