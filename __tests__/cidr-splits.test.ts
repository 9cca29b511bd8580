import { subnetCidr, subnetLayout } from '../src/constructs/network/cidr-splits';
import { parseCidr } from '../src/config/schema';

describe('subnet CIDRs', () => {
  test('a /16 gives /20 subnets: public blocks 0-2, private 4-6, database 8-10', () => {
    expect(subnetLayout('10.30.0.0/16', ['a', 'b', 'c'])).toEqual({
      public: { a: '10.30.0.0/20', b: '10.30.16.0/20', c: '10.30.32.0/20' },
      private: { a: '10.30.64.0/20', b: '10.30.80.0/20', c: '10.30.96.0/20' },
      database: { a: '10.30.128.0/20', b: '10.30.144.0/20', c: '10.30.160.0/20' },
    });
  });

  test('a /20 gives /24 subnets inside it', () => {
    expect(subnetCidr('172.16.32.0/20', 'database', 2)).toBe('172.16.42.0/24');
  });

  test('subnets never overlap and stay inside the VPC', () => {
    const vpc = parseCidr('10.11.0.0/16')!;
    const all = Object.values(subnetLayout('10.11.0.0/16', ['x', 'y', 'z'])).flatMap((t) => Object.values(t).map((c) => parseCidr(c)!));
    expect(all).toHaveLength(9);
    all.forEach((a, i) => {
      expect(a.inside(vpc)).toBe(true);
      all.slice(i + 1).forEach((b) => expect(a.isOverlapping(b)).toBe(false));
    });
  });

  test.each([-1, 4, 1.5])('fails when the AZ index is %s', (i) => {
    expect(() => subnetCidr('10.0.0.0/16', 'public', i)).toThrow(/azIndex must be 0-3/);
  });

  test('a layout of more than four availability zones is refused, not wrapped into the next tier', () => {
    expect(() => subnetLayout('10.0.0.0/16', ['a', 'b', 'c', 'd', 'e'])).toThrow('subnetLayout: at most 4 availability zones, got 5');
  });
});
