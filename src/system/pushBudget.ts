// The daily budget of widget pushes (DESIGN.md section 10): a window of its own, apart from the
// reload budget. Apple (Updating widgets with WidgetKit push notifications): WidgetKit pushes come
// "in addition to timeline updates" and the system may throttle a widget that is pushed too
// often; the project models that as a separate daily count, 50 by default, in the same rolling
// virtual day as ReloadBudget (the counting is the same, so it is the same class).
import { ReloadBudget } from './reloadBudget';

/** Pushes a widget may receive a day before the system stops acting on them. */
export const DEFAULT_PUSH_BUDGET = 50;

export class PushBudget extends ReloadBudget {}
