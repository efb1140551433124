import { describe, expect, it } from 'vitest';
import {
  DomainError,
  checkDeclaredCategories,
  defaultPriorityCategories,
  priorityListProblems,
  selfDeclarable,
} from '../../../server/src/domain/index.js';

/** Who may declare a priority (DESIGN.md §4), as a pure rule. */

const refusal = (f: () => void) => {
  try {
    f();
  } catch (err) {
    return err instanceof DomainError ? { code: err.code, details: err.details } : err;
  }
  return null;
};

describe('who may declare a priority', () => {
  it('lets citizens declare 老幼病残孕军 and keeps key projects and urgent matters to staff by default', () => {
    expect(selfDeclarable({})).toEqual(['elderly', 'child', 'sick', 'disabled', 'pregnant', 'military']);
    expect(
      defaultPriorityCategories()
        .filter((r) => r.declaredBy === 'staff')
        .map((r) => r.category),
    ).toEqual(['key_project', 'urgent']);
    expect(refusal(() => checkDeclaredCategories({}, ['elderly', 'military'], 'citizen'))).toBeNull();
    expect(refusal(() => checkDeclaredCategories({}, ['urgent'], 'citizen'))).toEqual({
      code: 'priority_staff_only',
      details: { category: 'urgent' },
    });
    expect(refusal(() => checkDeclaredCategories({}, ['urgent', 'key_project'], 'staff'))).toBeNull();
  });

  it("follows the hall's list: what it does not offer is refused to everyone", () => {
    const rules = { priorityCategories: [{ category: 'urgent' as const, declaredBy: 'citizen' as const }] };
    expect(selfDeclarable(rules)).toEqual(['urgent']);
    expect(refusal(() => checkDeclaredCategories(rules, ['urgent'], 'citizen'))).toBeNull();
    expect(refusal(() => checkDeclaredCategories(rules, ['elderly'], 'staff'))).toMatchObject({
      code: 'priority_not_offered',
    });
  });

  it('finds a category listed twice', () => {
    expect(
      priorityListProblems([
        { category: 'elderly', declaredBy: 'citizen' },
        { category: 'elderly', declaredBy: 'staff' },
      ]),
    ).toHaveLength(1);
    expect(priorityListProblems(defaultPriorityCategories())).toEqual([]);
  });
});
