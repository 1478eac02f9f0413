// Arbitraries shared by property tests.
import fc from 'fast-check';
import { FIELDS, TASKS } from '../src/core/answers/fields.js';

export const enumOf = (name: string) => fc.constantFrom(...FIELDS.find((f) => f.name === name)!.choices!.map((c) => c.value));

/** Any valid answer set: every enum value, counts across the thresholds, optional fields on or off. */
export const answersArb = fc
  .record(
    {
      task: fc.constantFrom(...TASKS),
      modality: enumOf('modality'),
      existingModel: enumOf('existingModel'),
      offTheShelfResult: enumOf('offTheShelfResult'),
      domainShift: enumOf('domainShift'),
      labeledExamples: fc.oneof(fc.nat({ max: 2000 }), fc.nat({ max: 20_000_000 })),
      unlabeledExamples: fc.oneof(fc.constant(0), fc.nat({ max: 100_000_000 })),
      labelSource: enumOf('labelSource'),
      proprietaryData: fc.boolean(),
      budgetUsd: fc.double({ min: 0, max: 5e6, noNaN: true }),
      timelineWeeks: fc.double({ min: 0.5, max: 200, noNaN: true }),
      mlExpertise: enumOf('mlExpertise'),
      sensitiveDomain: enumOf('sensitiveDomain'),
      privacy: enumOf('privacy'),
      deployment: enumOf('deployment'),
      latencyMs: fc.double({ min: 1, max: 10000, noNaN: true }),
      accuracyTarget: enumOf('accuracyTarget'),
      baselineTried: fc.boolean(),
      dataQuality: enumOf('dataQuality'),
    },
    { requiredKeys: ['task', 'existingModel', 'modality'] },
  );

