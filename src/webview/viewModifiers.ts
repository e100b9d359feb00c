// SwiftUI modifiers applied to a rendered view, in order: text styling merges into the view's
// own style; padding, frame and background wrap it in a box, as each SwiftUI modifier wraps the
// view before it (so `.padding().background(.blue)` colours the padding). A frame with an
// infinite max size makes the view flexible along that axis.
import type { ViewModifier } from '../protocol/views';
import { applyStyle, el } from './elements';
import { painter } from './renderingTreatment';
import type { Treatment } from './renderingTreatment';
import { cssColor, fontCss, fontDesignCss, fontWeightCss, frameCss, isGradient, paddingCss } from './viewStyles';
import type { Css } from './viewStyles';

export interface Rendered {
  node: HTMLElement;
  /** Flexible along the horizontal / vertical axis (a Spacer inside, or an infinite frame). */
  growsH: boolean;
  growsV: boolean;
}

/**
 * Applies modifiers in order; size and background modifiers wrap, as SwiftUI's do. `treatments`
 * (one per modifier, accented and vibrant rendering) say how the system paints their colours.
 */
export function applyModifiers(rendered: Rendered, modifiers: ViewModifier[], treatments: readonly (Treatment | undefined)[] = []): Rendered {
  let { node, growsH, growsV } = rendered;
  const css: Css = {};
  const wrap = (cls: string, style: Css) => {
    if (Object.keys(css).length) applyStyle(node, flush(css));
    const wrapper = el('div', { class: cls, style }, [node]);
    node = wrapper;
  };
  for (const [index, { name, args }] of modifiers.entries()) {
    const [first] = args;
    const paint = painter(treatments[index]);
    switch (name) {
      case 'font':
        Object.assign(css, fontCss(first));
        break;
      case 'fontWeight':
        css.fontWeight = fontWeightCss(first);
        break;
      case 'bold':
        css.fontWeight = '700';
        break;
      case 'italic':
        css.fontStyle = 'italic';
        break;
      case 'fontDesign':
        css.fontFamily = fontDesignCss(first);
        break;
      case 'monospacedDigit':
        css.fontVariantNumeric = 'tabular-nums';
        break;
      case 'foregroundStyle':
      case 'foregroundColor':
      case 'tint': {
        const color = cssColor(first, paint);
        if (color && isGradient(color)) Object.assign(css, { backgroundImage: color, backgroundClip: 'text', webkitBackgroundClip: 'text', color: 'transparent' });
        else css.color = color;
        break;
      }
      case 'opacity':
        css.opacity = typeof first === 'number' ? String(first) : undefined;
        break;
      case 'multilineTextAlignment':
        css.textAlign = typeof first === 'string' ? ({ leading: 'left', center: 'center', trailing: 'right' } as Record<string, string>)[first.replace(/^\./, '')] : undefined;
        break;
      case 'lineLimit':
        if (typeof first === 'number') Object.assign(css, { display: '-webkit-box', webkitLineClamp: String(first), webkitBoxOrient: 'vertical', overflow: 'hidden' });
        break;
      case 'textCase':
        css.textTransform = first === 'uppercase' || first === '.uppercase' ? 'uppercase' : first === 'lowercase' || first === '.lowercase' ? 'lowercase' : undefined;
        break;
      case 'kerning':
      case 'tracking':
        css.letterSpacing = typeof first === 'number' ? `${first}px` : undefined;
        break;
      case 'imageScale':
        css.fontSize = ({ small: '0.8em', medium: '1em', large: '1.3em' } as Record<string, string>)[String(first).replace(/^\./, '')];
        break;
      case 'contentTransition':
        node.dataset.transition = typeof first === 'string' ? first.replace(/^\./, '') : 'opacity';
        break;
      case 'padding':
        wrap('w-pad', paddingCss(args));
        break;
      case 'frame': {
        const frame = frameCss(first);
        wrap('w-frame', frame.css);
        growsH = growsH || frame.growsH;
        growsV = growsV || frame.growsV;
        break;
      }
      case 'background': {
        const color = cssColor(first, paint);
        wrap('w-bg', { background: color });
        break;
      }
      case 'cornerRadius':
        css.borderRadius = typeof first === 'number' ? first : undefined;
        css.overflow = 'hidden';
        break;
      case 'clipShape':
        css.borderRadius = first === 'circle' || first === '.circle' || first === 'capsule' || first === '.capsule' ? '9999px' : typeof first === 'number' ? first : 12;
        css.overflow = 'hidden';
        break;
      case 'border':
        css.border = `${typeof args[1] === 'number' ? args[1] : 1}px solid ${cssColor(first, paint) ?? 'currentColor'}`;
        break;
      case 'offset':
        if (first && typeof first === 'object' && !Array.isArray(first)) css.transform = `translate(${Number(first.x ?? 0)}px, ${Number(first.y ?? 0)}px)`;
        break;
      case 'rotationEffect':
        css.transform = `rotate(${typeof first === 'number' ? first : 0}deg)`;
        break;
      case 'scaleEffect':
        css.transform = `scale(${typeof first === 'number' ? first : 1})`;
        break;
      case 'shadow':
        css.filter = 'drop-shadow(0 2px 4px rgba(0,0,0,0.25))';
        break;
      case 'widgetAccentable':
        // The group's colours (media/webview.css) reach the content that sets none of its own.
        node.classList.add(first === false ? 'w-group-primary' : 'w-group-accent');
        break;
      case 'invalidatableContent':
        if (first !== false) node.classList.add('w-invalidatable');
        break;
      case 'privacySensitive':
        node.classList.add('w-private');
        break;
      default:
        // containerBackground is the frame's, read by the gallery; unknown modifiers are no-ops
        // in the preview, as many SwiftUI modifiers (widgetURL, id, ...) have no visible effect.
        break;
    }
  }
  if (Object.keys(css).length) applyStyle(node, flush(css));
  if (growsH) node.classList.add('w-grows-h');
  if (growsV) node.classList.add('w-grows-v');
  return { node, growsH, growsV };
}

function flush(css: Css): Css {
  const copy = { ...css };
  for (const key of Object.keys(css)) delete css[key];
  return copy;
}

