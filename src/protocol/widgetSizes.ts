// Widget sizes in points per device and family, after Apple's Human Interface Guidelines
// ("Widgets" > Specifications > Dimensions). The provider's context.displaySize and the
// preview's frames both come from this one table.
import type { WidgetFamily } from './lifecycle';

export interface DeviceWidgetSizes {
  /** Screen size in points, portrait. */
  screen: { width: number; height: number };
  sizes: Partial<Record<WidgetFamily, { width: number; height: number }>>;
}

const size = (width: number, height: number) => ({ width, height });

export const DEVICES: Record<string, DeviceWidgetSizes> = {
  'iPhone 15 Pro Max': { screen: size(430, 932), sizes: { systemSmall: size(170, 170), systemMedium: size(364, 170), systemLarge: size(364, 382), accessoryCircular: size(76, 76), accessoryRectangular: size(172, 76), accessoryInline: size(257, 26) } },
  'iPhone 15 Pro': { screen: size(393, 852), sizes: { systemSmall: size(158, 158), systemMedium: size(338, 158), systemLarge: size(338, 354), accessoryCircular: size(72, 72), accessoryRectangular: size(160, 72), accessoryInline: size(234, 26) } },
  'iPhone 15': { screen: size(390, 844), sizes: { systemSmall: size(158, 158), systemMedium: size(338, 158), systemLarge: size(338, 354), accessoryCircular: size(72, 72), accessoryRectangular: size(160, 72), accessoryInline: size(234, 26) } },
  'iPhone 11 Pro Max': { screen: size(414, 896), sizes: { systemSmall: size(169, 169), systemMedium: size(360, 169), systemLarge: size(360, 379), accessoryCircular: size(76, 76), accessoryRectangular: size(172, 76), accessoryInline: size(248, 26) } },
  'iPhone 13 mini': { screen: size(375, 812), sizes: { systemSmall: size(155, 155), systemMedium: size(329, 155), systemLarge: size(329, 345), accessoryCircular: size(68, 68), accessoryRectangular: size(153, 68), accessoryInline: size(225, 26) } },
  'iPhone SE': { screen: size(375, 667), sizes: { systemSmall: size(148, 148), systemMedium: size(321, 148), systemLarge: size(321, 324), accessoryCircular: size(68, 68), accessoryRectangular: size(153, 68), accessoryInline: size(225, 26) } },
  'iPad Pro 12.9': { screen: size(1024, 1366), sizes: { systemSmall: size(170, 170), systemMedium: size(379, 170), systemLarge: size(379, 379), systemExtraLarge: size(795, 379) } },
  'iPad Pro 11': { screen: size(834, 1194), sizes: { systemSmall: size(155, 155), systemMedium: size(342, 155), systemLarge: size(342, 342), systemExtraLarge: size(715, 342) } },
  'iPad mini': { screen: size(744, 1133), sizes: { systemSmall: size(141, 141), systemMedium: size(306, 141), systemLarge: size(306, 306), systemExtraLarge: size(634, 306) } },
};

export const DEFAULT_DEVICE = 'iPhone 15 Pro';

/** The family's size on the device, or undefined when the device does not offer the family. */
export function widgetSize(device: string, family: WidgetFamily): { width: number; height: number } | undefined {
  return DEVICES[device]?.sizes[family];
}
