// Starting models: a model is suggested only for the tasks and modalities it serves, and the
// estimate sizes the model the method names.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkAnswers } from '../../src/core/answers/check.js';
import { APPROACHES, FIELDS, MODALITIES, TASKS, TASK_MODALITY, type Answers } from '../../src/core/answers/fields.js';
import { decide } from '../../src/core/decide/decide.js';
import { modalitiesOf, serves } from '../../src/core/catalog/models.js';
import { pickSuggestions, rankModels } from '../../src/core/decide/models.js';
import { holdsDefine } from '../../src/core/rules/classes.js';
import { answersArb } from './arbitraries.js';
import { builtInRuleSet } from '../helpers.js';

const rs = builtInRuleSet();
const models = rs.catalog.models;
const byName = new Map(models.map((m) => [m.name, m]));
const DEPLOYMENTS = FIELDS.find((f) => f.name === 'deployment')!.choices!.map((c) => c.value);
const SMALL = new Set(['edge', 'mobile', 'browser']);

function answersOf(raw: Record<string, unknown>): Answers {
  const r = checkAnswers({ existingModel: 'close', ...raw });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.answers;
}
const defaultModality = (t: (typeof TASKS)[number]) => (t === 'other' ? 'text' : TASK_MODALITY[t]);
/** The rules' on-device define, which the ranking is given. */
const onDevice = (a: Answers) => holdsDefine(rs, 'on-device', a);
const suggested = (raw: Record<string, unknown>) => decide(answersOf(raw), rs).suggestedModels.map((m) => m.name);

describe('starting models', () => {
  it('are only models that serve the task and the modality, on the whole space of tasks, modalities, deployments, privacy and spots', () => {
    let checked = 0;
    for (const task of TASKS) {
      for (const modality of MODALITIES) {
        for (const deployment of DEPLOYMENTS) {
          for (const privacy of ['cloud-ok', 'self-hosted-only']) {
            const a = answersOf({ task, modality, deployment, privacy });
            const pool = models.filter((m) => serves(m, task, modality));
            for (const approach of APPROACHES) {
              const ranked = rankModels(models, a, approach, onDevice(a));
              for (const m of ranked) {
                expect(modalitiesOf(m), `${m.id} for ${task}/${modality}`).toContain(modality);
                if (task !== 'other') expect(m.tasks, `${m.id} for ${task}`).toContain(task);
                if (privacy === 'self-hosted-only') expect(m.selfHostable, m.id).toBe(true);
                if (SMALL.has(deployment) && pool.some((x) => x.small && (privacy === 'cloud-ok' || x.selfHostable))) expect(m.small, `${m.id} on ${deployment}`).toBe(true);
              }
              checked++;
            }
          }
        }
      }
    }
    expect(checked).toBe(TASKS.length * MODALITIES.length * DEPLOYMENTS.length * 2 * APPROACHES.length);
  });

  it('in a decision are catalog models that serve its task and modality (any answers)', () => {
    fc.assert(
      fc.property(answersArb, (raw) => {
        const r = checkAnswers(raw);
        if (!r.ok) return;
        const res = decide(r.answers, rs, { given: r.given });
        for (const s of res.suggestedModels) {
          const m = byName.get(s.name)!;
          expect(m, s.name).toBeDefined();
          expect(serves(m, r.answers.task, r.answers.modality), `${m.id} for ${r.answers.task}/${r.answers.modality}`).toBe(true);
          expect(s.checked).toBe(m.checked);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('give every task at least two suggestions, open and hosted where both exist, and a small one where the device needs it', () => {
    for (const task of TASKS) {
      const modality = defaultModality(task);
      const a = answersOf({ task, modality });
      expect(decide(a, rs).suggestedModels.length, task).toBeGreaterThanOrEqual(2);
      for (const approach of APPROACHES) {
        const ranked = rankModels(models, a, approach, onDevice(a));
        expect(ranked.length, `${task} at ${approach}`).toBeGreaterThanOrEqual(2);
        const top = pickSuggestions(ranked, 4);
        if (ranked.some((m) => m.selfHostable) && ranked.some((m) => !m.selfHostable)) {
          expect(top.some((m) => m.selfHostable), `${task} at ${approach}: an open model`).toBe(true);
          expect(top.some((m) => !m.selfHostable), `${task} at ${approach}: a hosted model`).toBe(true);
        }
      }
      if (models.some((m) => serves(m, task, modality) && m.small)) {
        for (const s of decide(answersOf({ task, modality, deployment: 'mobile' }), rs).suggestedModels) expect(byName.get(s.name)!.small, `${task} on mobile: ${s.name}`).toBe(true);
      }
    }
  });

  it('fit the cases of issue 12', () => {
    // A wake word on a microcontroller: keyword spotting, not a 39M-parameter transcriber.
    expect(suggested({ task: 'other', modality: 'audio', domainShift: 'small', labeledExamples: 2000, deployment: 'edge' })[0]).toMatch(/Keyword spotting/);
    // A code assistant starts from code models.
    expect(suggested({ task: 'code-generation', existingModel: 'exact', domainShift: 'small' })[0]).toMatch(/Coder/);
    expect(suggested({ task: 'code-generation', existingModel: 'exact', domainShift: 'small' }).join()).not.toMatch(/FLAN|Mistral/);
    // Image defects from normal images: PatchCore, and never a speech model.
    const defects = suggested({ task: 'anomaly-detection', modality: 'image', domainShift: 'small' });
    expect(defects[0]).toMatch(/PatchCore/);
    expect(defects.join()).not.toMatch(/Wav2Vec|Whisper/);
    // Satellite crop mapping gets a geospatial foundation model.
    expect(suggested({ task: 'image-segmentation', modality: 'scientific', labeledExamples: 400 })[0]).toMatch(/Prithvi/);
    // An NSFW filter used as is gets models that classify as they are, not an ImageNet backbone.
    const nsfw = suggested({ task: 'image-classification', existingModel: 'exact', domainShift: 'none' });
    expect(nsfw.join()).toMatch(/NSFW|Moderation/);
    expect(nsfw.join()).not.toMatch(/ResNet-50/);
    // On-device sentiment used as is: a small sentiment model, not "Wrap BERT-base".
    const r = decide(answersOf({ task: 'sentiment-analysis', existingModel: 'exact', domainShift: 'small', deployment: 'mobile' }), rs);
    expect(r.suggestedModels[0]!.name).toMatch(/SST-2/);
    expect(r.nextSteps.join(' ')).not.toMatch(/BERT-base/);
  });
});

describe('the estimate sizes the model the method names', () => {
  it('on a phone, feature extraction names and sizes MobileNetV3', () => {
    const r = decide(answersOf({ task: 'image-classification', domainShift: 'small', labeledExamples: 300, deployment: 'mobile' }), rs);
    const fe = r.spectrum.find((s) => s.approach === 'feature-extraction')!;
    expect(fe.method).toContain('MobileNetV3');
    expect(r.assumptions.find((a) => a.what === 'Starting model (feature-extraction)')!.value).toMatch(/MobileNetV3-Large, 5,400,000 parameters/);
  });
  it('an en→ja translation fine-tune names and sizes a translation model, not an 8B LLM', () => {
    const r = decide(answersOf({ task: 'translation', labeledExamples: 50000 }), rs);
    const ft = r.spectrum.find((s) => s.approach === 'fine-tune')!;
    expect(ft.method).toContain('MarianMT');
    expect(r.suggestedModels[0]!.name).toContain('MarianMT');
    expect(r.assumptions.find((a) => a.what === 'Starting model (fine-tune)')!.value).toMatch(/MarianMT.*74,000,000 parameters/);
  });
  it('for any answers, each adapted spot whose method names a model names the one its estimate sizes', () => {
    fc.assert(
      fc.property(answersArb, (raw) => {
        const c = checkAnswers(raw);
        if (!c.ok || c.answers.modelParams !== undefined) return;
        const r = decide(c.answers, rs, { given: c.given });
        for (const spot of r.spectrum) {
          if (spot.approach === 'use-as-is' || spot.approach === 'train-from-scratch') continue;
          const m = rankModels(models, c.answers, spot.approach, onDevice(c.answers)).find((x) => x.params !== undefined);
          const sized = r.assumptions.find((a) => a.what === `Starting model (${spot.approach})`);
          if (sized) {
            expect(m, spot.approach).toBeDefined();
            expect(sized.value.startsWith(m!.name)).toBe(true);
          }
          if (m && !sized) expect(r.assumptions.find((a) => a.what === 'Starting model')!.value).toContain(Intl.NumberFormat('en-US').format(m.params!));
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe("reasons, verdicts and next steps in each task's own terms", () => {
  it('a classical model on your own rows is described as cheap, minutes on a CPU, including the third verdict', () => {
    const r = decide(answersOf({ task: 'tabular-classification', existingModel: 'none', labeledExamples: 200000, sensitiveDomain: 'lending' }), rs);
    expect(r.recommendation.approach).toBe('train-from-scratch');
    expect(r.recommendation.summary).toMatch(/minutes on a CPU/);
    expect(r.framework[2]!.verdict).toMatch(/^No need: .*classical model trained on your own rows.*minutes on a CPU/);
    expect(r.framework[2]!.verdict).not.toMatch(/argues? against/);
    expect(r.nextSteps.join(' ')).toMatch(/XGBoost on your own rows \(minutes on a CPU\)/);
  });
  it('speech with no transcripts is used as is and measured by word error rate, not "features separate your classes"', () => {
    const r = decide(answersOf({ task: 'speech-recognition', domainShift: 'small' }), rs);
    expect(r.recommendation.approach).toBe('use-as-is');
    expect(r.rationale[0]!.because).not.toMatch(/classes/);
    expect(r.nextSteps.join(' ')).toMatch(/word error rate/);
  });
  it('chat over your own documents says retrieval in the method, the verdict and the first step', () => {
    const r = decide(answersOf({ task: 'chat-assistant', unlabeledExamples: 5000 }), rs);
    expect(r.recommendation.approach).toBe('feature-extraction');
    expect(r.recommendation.summary).toMatch(/retrieved documents/);
    expect(r.framework[1]!.verdict).toMatch(/retrieval/);
    expect(r.nextSteps.at(-1)).toMatch(/^Index your documents with an embedding model/);
  });
  it('extraction, code and search speak of schemas, repositories and queries', () => {
    expect(decide(answersOf({ task: 'named-entity-recognition', domainShift: 'small', labeledExamples: 0 }), rs).nextSteps.join(' ')).toMatch(/JSON schema/);
    const code = decide(answersOf({ task: 'code-generation', existingModel: 'exact', domainShift: 'small' }), rs);
    expect(code.recommendation.summary).toMatch(/code model/);
    expect(code.nextSteps.join(' ')).toMatch(/repositories/);
    expect(decide(answersOf({ task: 'semantic-search', domainShift: 'moderate' }), rs).nextSteps.join(' ')).toMatch(/real queries/);
  });
  it('at scale, the third verdict says what scale changed', () => {
    const r = decide(answersOf({ task: 'object-detection', domainShift: 'small', labeledExamples: 20000000, proprietaryData: true, mlExpertise: 'strong', budgetUsd: 10000000 }), rs);
    expect(r.recommendation.approach).toBe('heavy-fine-tune');
    expect(r.rationale[0]!.because).toMatch(/^Scale changes the trade-off/);
    expect(r.framework[2]!.verdict).toMatch(/20,000,000 labelled examples of your own/);
  });
});
