import { describe, expect, it } from 'vitest';
import { offlineInterview, severalQuestionsCount, severalQuestionsRequest } from './requests.ts';

// The fault scenarios answer several questions of one job; they rely on the offline interview
// asking them. Checked here, fast and by name, not as a scenario timing out on a missing question.

describe('the request of the several-questions scenarios', () => {
  for (const pick of ['recommended', 'first'] as const) {
    it(`asks ${severalQuestionsCount} questions, each with options, answering the ${pick} option`, async () => {
      const { questions, reason } = await offlineInterview(severalQuestionsRequest, pick);
      expect(questions).toHaveLength(severalQuestionsCount);
      for (const question of questions) expect(question.options).toBeGreaterThan(0);
      expect(reason).toBe('enough_information');
    });
  }

  it('stops at the question limit when it is lower, as the scenarios configure it', async () => {
    const { questions, reason } = await offlineInterview(severalQuestionsRequest, 'recommended', 3);
    expect(questions).toHaveLength(3);
    expect(reason).toBe('question_limit');
  });
});
