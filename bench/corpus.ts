// Corpus: every export file of test/corpus through the pane's own path (open CSV, the Map step's
// proposal unchanged, Validate on the simulated workbook), scored against its expected mapping and
// per-row verdicts. Prints per file and in total; the last line is one JSON object.
import { corpusFiles, scoreFile, type FileScore } from "../test/corpus/run-corpus";

const pct = (a: number, b: number): string => (b === 0 ? "-" : `${((100 * a) / b).toFixed(1)} %`);

export async function run(): Promise<void> {
  const scores: FileScore[] = [];
  for (const file of corpusFiles()) {
    const s = await scoreFile(file);
    scores.push(s);
    console.log(
      `${s.file.padEnd(26)} headers ${s.right}/${s.named} right, ${s.wrong} wrong` +
        `${s.wrong ? ` (${s.wrongHeaders.join("; ")})` : ""}; grouping ${s.groupingRight ? "right" : "WRONG"}; ` +
        `good rows importable ${s.goodImportable}/${s.goodRows}; seed messages ${s.seedMessagesCarried}/${s.seedRows}`,
    );
  }
  const sum = (k: keyof FileScore) => scores.reduce((n, s) => n + (s[k] as number), 0);
  const total = {
    files: scores.length,
    headersNamed: sum("named"),
    headersRight: sum("right"),
    headersWrong: sum("wrong"),
    groupingRight: scores.filter((s) => s.groupingRight).length,
    goodRows: sum("goodRows"),
    goodImportable: sum("goodImportable"),
    seedRows: sum("seedRows"),
    seedMessagesCarried: sum("seedMessagesCarried"),
  };
  console.log(
    `total: headers ${total.headersRight}/${total.headersNamed} right (${pct(total.headersRight, total.headersNamed)}), ` +
      `${total.headersWrong} wrong; good rows importable ${total.goodImportable}/${total.goodRows} ` +
      `(${pct(total.goodImportable, total.goodRows)}); seed messages ${total.seedMessagesCarried}/${total.seedRows}`,
  );
  console.log(JSON.stringify({ bench: "corpus", ...total }));
}
