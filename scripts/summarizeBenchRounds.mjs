// Medians over the rounds of scripts/benchVsPytorch.sh, per subject and batch, with ratios to
// PyTorch and, for stroop's engines, the share of the matmul-bound ceiling `stroop bench` reports.
import fs from 'node:fs';

const lines = fs.readFileSync(process.argv[2], 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const subjects = [...new Set(lines.map((l) => l.subject))];
const batches = [...new Set(lines.flatMap((l) => l.report.results.map((r) => r.batch)))];
const stat = (subject, batch, key) => median(lines.filter((l) => l.subject === subject).map((l) => l.report.results.find((r) => r.batch === batch)[key]));
const ceiling = (subject) => {
  const values = lines.filter((l) => l.subject === subject).map((l) => l.report.ceiling_images_per_s).filter((v) => typeof v === 'number');
  return values.length === 0 ? null : median(values);
};
console.log(`rounds: ${Math.max(...lines.map((l) => l.round))}; backends: ${subjects.map((s) => `${s} = ${lines.find((l) => l.subject === s).report.backend}`).join('; ')}`);
console.log('subject      batch  images/s  x PyTorch  of ceiling   texts/s  x PyTorch');
for (const batch of batches) {
  for (const subject of subjects) {
    const images = stat(subject, batch, 'images_per_s');
    const texts = stat(subject, batch, 'texts_per_s');
    const ref = (key) => stat('pytorch', batch, key);
    const c = ceiling(subject);
    const share = c === null ? '' : `${((100 * images) / c).toFixed(0)}%`;
    console.log(`${subject.padEnd(12)} ${String(batch).padStart(5)}  ${images.toFixed(2).padStart(8)}  ${(images / ref('images_per_s')).toFixed(2).padStart(9)}  ${share.padStart(10)}  ${texts.toFixed(1).padStart(8)}  ${(texts / ref('texts_per_s')).toFixed(2).padStart(9)}`);
  }
}
for (const l of lines.filter((x) => x.report.agreement_with_fp32 !== undefined).slice(0, 1)) {
  const a = l.report.agreement_with_fp32;
  console.log(`${l.subject} vs fp32 embedding cosine (${a.count} synthetic inputs): images mean ${a.images.mean.toFixed(5)} (min ${a.images.min.toFixed(5)}), texts mean ${a.texts.mean.toFixed(5)} (min ${a.texts.min.toFixed(5)})`);
}
