// npm run detect -- --json FILE...   (images jpg/png/webp; videos y4m/webm/mp4 through ffmpeg)
// One JSON line per image, or per sampled frame of a video (with "t" in seconds).
// Options: --every SECONDS (video sampling, default 1), --no-objects (faces only).
import { detectFile } from './node.ts';

const args = process.argv.slice(2);
const files: string[] = [];
let everySeconds = 1;
let objects = true;
let json = false;
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  if (a === '--json') json = true;
  else if (a === '--no-objects') objects = false;
  else if (a === '--every') everySeconds = Number(args[++i]);
  else if (a === '--help' || a === '-h') {
    console.log('usage: npm run detect -- --json [--every SECONDS] [--no-objects] FILE...');
    process.exit(0);
  } else files.push(a);
}
if (files.length === 0 || !(everySeconds > 0)) {
  console.error('usage: npm run detect -- --json [--every SECONDS] [--no-objects] FILE...');
  process.exit(2);
}

let failed = false;
for (const file of files) {
  try {
    for await (const line of detectFile(file, { everySeconds, objects })) {
      if (json) console.log(JSON.stringify(line));
      else {
        const at = line.t === undefined ? '' : ` t=${line.t}s`;
        const objs = line.objects.map((o) => `${o.label} ${o.score}`).join(', ') || 'none';
        console.log(
          `${line.file}${at}: ${line.faces.length} face(s); objects: ${objs}; ${line.ms} ms`,
        );
      }
    }
  } catch (error) {
    failed = true;
    const reason = error instanceof Error ? error.message : String(error);
    console.error(JSON.stringify({ file, error: reason }));
  }
}
process.exit(failed ? 1 : 0);
