// The Answers type is derived from the field table: these checks fail the type check (npm run
// typecheck, in CI) when a field's type, optionality or choices drift from the table.
import { describe, expectTypeOf, it } from 'vitest';
import type { Answers, Task } from '../../src/core/answers/fields.js';

describe('Answers, derived from the field table', () => {
  it('types each field by its kind and choices', () => {
    expectTypeOf<Answers['task']>().toEqualTypeOf<Task>();
    expectTypeOf<Answers['existingModel']>().toEqualTypeOf<'exact' | 'close' | 'none' | 'unknown'>();
    expectTypeOf<Answers['deployment']>().toEqualTypeOf<'cloud' | 'on-prem' | 'edge' | 'mobile' | 'browser'>();
    expectTypeOf<Answers['sensitiveDomain']>().toEqualTypeOf<'none' | 'hiring' | 'lending' | 'healthcare' | 'insurance' | 'criminal-justice' | 'education' | 'other'>();
    expectTypeOf<Answers['labeledExamples']>().toEqualTypeOf<number>();
    expectTypeOf<Answers['proprietaryData']>().toEqualTypeOf<boolean>();
    expectTypeOf<Answers['gpu']>().toEqualTypeOf<string | undefined>();
  });
  it('makes required, defaulted and derived fields present, the rest optional', () => {
    expectTypeOf<Answers>().toHaveProperty('modality');
    expectTypeOf<Pick<Answers, 'modality'>>().toEqualTypeOf<{ modality: Answers['modality'] }>();
    expectTypeOf<Pick<Answers, 'domainShift'>>().toEqualTypeOf<{ domainShift: 'none' | 'small' | 'moderate' | 'large' }>();
    expectTypeOf<Pick<Answers, 'budgetUsd'>>().toEqualTypeOf<{ budgetUsd?: number }>();
  });
});
