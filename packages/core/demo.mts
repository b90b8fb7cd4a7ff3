import { randomUUID } from 'node:crypto';
import { createOfflineModel, runQuestioningTurn, type Question, type Fact } from './src/index.ts';
const model = createOfflineModel();
const requests = process.argv.slice(2).length ? process.argv.slice(2) : [
 'A scheduling tool for our dental clinic receptionists to manage patient appointments and track no-shows.',
 'a tracker for our support tickets with priorities',
 'I want to track my daily habits and see a streak calendar',
 'An inventory app for our warehouse with low-stock alerts',
 'CRM for our sales team to track leads through a pipeline board',
 'an app for my team',
];
for (const request of requests) {
  console.log('\n#', request);
  let ledger: Fact[] = []; const questions: Question[] = [];
  let latest: any = { kind: 'request' };
  for (let turn = 0; turn < 8; turn++) {
    const r = await runQuestioningTurn({ model, newId: randomUUID }, { request, kind: 'create', currentVersion: null, questions, ledger, latest, maxQuestions: 5 });
    ledger = r.ledger;
    if (turn === 0) for (const f of ledger) console.log('   ', f.kind, f.topic ?? '-', '|', f.text);
    if (r.outcome.action === 'complete') { console.log('  COMPLETE', r.outcome.reason, r.readiness); break; }
    const q = r.outcome.question;
    console.log(`  Q${questions.length + 1} [${q.topic}] (${r.readiness}) ${q.text} | ${q.options.map(o => (o.recommended ? '*' : '') + o.label).join(' / ')} | skip: ${q.assumptionIfSkipped}`);
    const rec = q.options.find(o => o.recommended);
    const id = randomUUID();
    questions.push({ ...q, id, number: questions.length + 1, status: 'answered', answer: { optionIds: rec ? [rec.id] : [], text: rec ? null : 'whatever works' } });
    latest = { kind: 'answer', questionId: id };
  }
  console.log('  final ledger:'); for (const f of ledger) console.log('   ', f.kind, f.topic ?? '-', '|', f.text);
}
