/** Types of token-stacks.cjs (plain CommonJS: scripts/run-app.cjs loads it before any TypeScript runs). */
export declare function tokenStackHint(where: string): string;
export declare function leaveOutTokenStacks(load: (id: string) => unknown, where: string): boolean;
