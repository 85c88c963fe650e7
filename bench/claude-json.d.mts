export declare function claudeJsonOfSize(bytes: number, options?: { emptyServers?: boolean; minified?: boolean }): string;
