// `widgetkit`: the module widget code imports (DESIGN.md section 2), mirroring Apple's WidgetKit
// and background URLSession. Built to dist/kit/runtime.js, which dist/kit/widgetkit.js runs as
// itself (see ./bootstrap), and which is also the widget extension process: when the system
// forks the kit with an IPC channel, it runs the extension host.
// User code's `import ... from 'widgetkit'` resolves to this same file (one shared instance).
import { runExtensionHost } from './extensionHost';

export { defineWidget } from './widgetDefinition';
export type {
  ProviderContext, ViewContext, TimelineProvider, WidgetConfiguration, WidgetPreview, BackgroundEventsHandler,
  WidgetPushHandler, WidgetPushInfo, WidgetInfo,
} from './widgetDefinition';
export type { WidgetFamily, JsonValue } from '../protocol/lifecycle';
export type { WidgetRenderingMode, WidgetAccentedRenderingMode } from '../protocol/renderingModes';
export { Timeline, ReloadPolicy } from './entries';
export type { TimelineEntry } from './entries';
export { WidgetCenter } from './widgetCenter';
export { URLSession, URLSessionConfiguration } from './urlSession';
export type { URLSessionDelegate, URLSessionError, DownloadRequestInit } from './urlSession';
export { URLSessionDownloadTask, URLSessionTaskError, URLSessionUploadTask } from './urlSessionTask';
export type { HTTPURLResponse, TaskState } from './urlSessionTask';
export { sessionCache } from './sessionCache';
export { UserDefaults, UserDefaultsSuite, appGroupContainer } from './userDefaults';
export {
  View, Text, Image, VStack, HStack, ZStack, Spacer, Divider, Gauge, ProgressView, Label, Link, Group,
} from './views';
export type { ViewContent } from './views';
export { defineIntent, WidgetIntent } from './intents';
export type { IntentContext, IntentDefinition, IntentInvocation, IntentParameters } from './intents';
export { Button, Toggle } from './interactiveViews';
export type {
  Font, FontWeight, ShapeStyle, Edge, FrameOptions, DateStyle, StackOptions, ContentTransition, TextAlignment, RedactionReason,
} from './viewTypes';
export type { JSX, ModifierProps } from './jsxTypes';export { jsx, jsxs, jsxDEV, h, Fragment } from './jsxRuntime';
export { WidgetKitError } from './errors';
export { invokeUserHandler } from './userHandlerInvocation';

if (require.main === module && typeof process.send === 'function') {
  // Run by dist/kit/widgetkit.js (src/kit/bootstrap.ts), `module` may carry `launched`.
  runExtensionHost(__filename, () => (module as { launched?: () => void }).launched?.());
}
