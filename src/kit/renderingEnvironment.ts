// Renders an entry's view in every rendering environment the system draws its family in
// (src/protocol/renderingModes.ts), as WidgetKit renders a widget's view again for the tinted
// Home Screen, StandBy and the Lock Screen. Cheap by design: the view is rendered once, with a
// context that notes whether it read ctx.renderingMode or ctx.showsWidgetContainerBackground;
// only a view that did is rendered again per mode, and only trees that differ are kept.
import type { RenderedView } from '../protocol/lifecycle';
import { renderingEnvironments } from '../protocol/renderingModes';
import type { AlternateRenderingMode, RenderingEnvironment } from '../protocol/renderingModes';
import type { ProviderContext, ViewContext } from './widgetDefinition';

export type AlternateViews = Partial<Record<AlternateRenderingMode, RenderedView>>;

/** The view's context in `environment`; `read` turns true once the view looks at the environment. */
function observedContext(base: ProviderContext, environment: RenderingEnvironment): { context: ViewContext; read: () => boolean } {
  let read = false;
  const context = { ...base } as ViewContext;
  for (const key of ['renderingMode', 'showsWidgetContainerBackground'] as const) {
    Object.defineProperty(context, key, {
      enumerable: true,
      get: () => {
        read = true;
        return environment[key];
      },
    });
  }
  return { context, read: () => read };
}

const sameTree = (a: RenderedView, b: RenderedView) => JSON.stringify(a) === JSON.stringify(b);

/** The view in the family's first environment, and in its others where the view differs there. */
export function renderInEnvironments(base: ProviderContext, render: (context: ViewContext) => RenderedView): { view: RenderedView; alternates?: AlternateViews } {
  const [first, ...others] = renderingEnvironments(base.family);
  const observed = observedContext(base, first);
  const view = render(observed.context);
  if (!observed.read()) return { view };
  const alternates: AlternateViews = {};
  for (const environment of others) {
    const alternate = render(observedContext(base, environment).context);
    if (!sameTree(alternate, view)) alternates[environment.renderingMode as AlternateRenderingMode] = alternate;
  }
  return Object.keys(alternates).length ? { view, alternates } : { view };
}
