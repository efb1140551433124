export * from './types.js';
export * from './deadline.js';
export * as cases from './cases.js';
export { isBadRating, isOverdue, canDecideAppeal, type CaseChange, type RatingToFollow } from './cases.js';
