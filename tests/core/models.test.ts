// Starting models: a model is suggested only for the tasks and modalities it serves, and the
// estimate sizes the model the method names.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkAnswers } from '../../src/core/answers/check.js';
import { APPROACHES, FIELDS, MODALITIES, TASKS, TASK_MODALITY, type Answers } from '../../src/core/answers/fields.js';
import { decide } from '../../src/core/decide/decide.js';
import { modalitiesOf, serves } from '../../src/core/catalog/models.js';
import { pickSuggestions, rankModels } from '../../src/core/decide/models.js';
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
              const ranked = rankModels(models, a, approach);
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
        const ranked = rankModels(models, a, approach);
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
