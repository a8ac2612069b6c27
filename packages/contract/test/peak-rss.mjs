// Preloaded by the tests into the kit's own process (`node --import`): when the process exits, it
// writes its peak resident memory (`maxRSS`, in KiB, as the kernel counts it) to the file named by
// PEGASUS_CONTRACT_PEAK_RSS.
import { writeFileSync } from 'node:fs';

const file = process.env.PEGASUS_CONTRACT_PEAK_RSS;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
