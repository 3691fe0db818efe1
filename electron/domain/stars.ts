/**
 * 评星定级: shared by the contract, the service, the report and the renderer. 临桂区 states the
 * policy as 巩固五星、扩大四星、推动三星、鞭策二星、整顿一星: a rating below four stars gets
 * corrective items (整改事项), and one star marks the organization 软弱涣散.
 */
export const STAR_LABELS = ['一星', '二星', '三星', '四星', '五星'] as const;

export const starLabel = (n: number | null | undefined): string => (n && n >= 1 && n <= 5 ? STAR_LABELS[n - 1]! : '未评定');

/** Below this many stars a rating carries corrective items. */
export const RECTIFY_BELOW = 4;
/** This many stars or fewer: 软弱涣散. */
export const WEAK_STARS = 1;

/** The highest score a rating records (a hundred-point scale). */
export const MAX_SCORE = 100;

/** 升星 / 降星 / 持平 / 首次评定, from last year's stars to this year's. */
export function starChange(stars: number, previous: number | null): '升星' | '降星' | '持平' | '首次评定' {
  if (previous === null) return '首次评定';
  return stars > previous ? '升星' : stars < previous ? '降星' : '持平';
}
