/** The espeak-ng WebAssembly build (npm `espeak-ng`) ships no types; wasm-espeak.ts states what it uses. */
declare module 'espeak-ng' {
  const factory: (module: Record<string, unknown>) => Promise<unknown>;
  export default factory;
}
