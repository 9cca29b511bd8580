/** Types of jest.sequencer.js (plain CommonJS: jest loads its test sequencer untransformed). */
export declare const PLAN_FILES: readonly string[];
export declare function plansFirst<T extends { path: string }>(tests: T[], timeOf: (test: T) => number | undefined): T[];
