// Types of test/chromium.mjs (plain JavaScript so that test/preflight.mjs runs it unbundled).
export declare function findChromium(env?: NodeJS.ProcessEnv): string | undefined;
export declare function chromiumPath(env?: NodeJS.ProcessEnv): string;
