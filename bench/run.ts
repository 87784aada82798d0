// `npm run bench`: prints ratios measured side by side in this one run (never pass/fail on times).
import { benchValidate } from './validate.js';

console.log('## validate() throughput\n');
console.log(benchValidate());
