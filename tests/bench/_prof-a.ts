import { inProcessBench } from './in-process.js';
const part = await inProcessBench({ tickets: 2000, phaseCapMs: 60_000 });
console.log(JSON.stringify(part.figures.map((f) => [f.figure, Math.round(f.ours), Math.round(f.baseline), (f.ours / f.baseline).toFixed(2)])));
