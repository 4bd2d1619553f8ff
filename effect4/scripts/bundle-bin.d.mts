/** Where the bundled bin is written. */
export declare const BIN: string
/** Bundles the bin into {@link BIN}. */
export declare const bundleBin: () => Promise<unknown>
