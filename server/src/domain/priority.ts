import { DomainError } from './errors.js';
import { PRIORITY_CATEGORIES, type PriorityCategory, type QueueRules } from './types.js';

/**
 * Who may declare a priority (DESIGN.md §4). Each hall lists the categories
 * it offers and, for each, whether a citizen may declare it at the kiosk (and
 * is then asked to show proof to the clerk, 请向工作人员出示相关证件) or only
 * staff may give it: a hall guide at the 导服台 or a clerk issuing on a
 * citizen's behalf. A key project or an urgent matter is a judgement of the
 * hall, not a claim a passer-by can make for a 30-minute head start.
 */

export const PRIORITY_DECLARERS = ['citizen', 'staff'] as const;
export type PriorityDeclarer = (typeof PRIORITY_DECLARERS)[number];

export interface PriorityCategoryRule {
  category: PriorityCategory;
  /** `citizen`: self-declared at the kiosk, proof shown at the window; `staff`: given by staff only. */
  declaredBy: PriorityDeclarer;
}

/** 老幼病残孕军 self-declared; key projects and urgent matters given by staff. */
export function defaultPriorityCategories(): PriorityCategoryRule[] {
  return PRIORITY_CATEGORIES.map((category) => ({
    category,
    declaredBy: category === 'key_project' || category === 'urgent' ? 'staff' : 'citizen',
  }));
}

/** The hall's list; a hall configured before the list existed gets the default. */
export function priorityCategoriesOf(rules: Pick<QueueRules, 'priorityCategories'>): PriorityCategoryRule[] {
  return rules.priorityCategories ?? defaultPriorityCategories();
}

/** Problems of a list as a hall would save it (each category at most once). */
export function priorityListProblems(list: readonly PriorityCategoryRule[]): string[] {
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const rule of list) {
    if (seen.has(rule.category)) problems.push(`${rule.category} is listed twice`);
    seen.add(rule.category);
  }
  return problems;
}

/**
 * Refuses categories the hall does not offer, and staff-only categories
 * declared by a citizen (a kiosk or the public API).
 */
export function checkDeclaredCategories(
  rules: Pick<QueueRules, 'priorityCategories'>,
  categories: readonly PriorityCategory[],
  declarer: PriorityDeclarer,
): void {
  const list = priorityCategoriesOf(rules);
  for (const category of categories) {
    const rule = list.find((r) => r.category === category);
    if (!rule) {
      throw new DomainError('priority_not_offered', `This hall does not offer the priority ${category}.`, {
        category,
      });
    }
    if (rule.declaredBy === 'staff' && declarer !== 'staff') {
      throw new DomainError(
        'priority_staff_only',
        `The priority ${category} is given by staff at the guide desk or a window, not declared at a kiosk.`,
        { category },
      );
    }
  }
}

/** The categories a citizen may declare at the kiosk, in the hall's order. */
export function selfDeclarable(rules: Pick<QueueRules, 'priorityCategories'>): PriorityCategory[] {
  return priorityCategoriesOf(rules)
    .filter((r) => r.declaredBy === 'citizen')
    .map((r) => r.category);
}
