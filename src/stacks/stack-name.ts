/** The stack's name, and so its directory under cdktf.out/stacks/. Environments are workspaces, not stacks. */
export const STACK_NAME = 'platform';
