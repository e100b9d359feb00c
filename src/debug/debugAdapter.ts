// The debug adapter's stdio entry (dist/debugAdapter.js): runs one WidgetDebugSession over
// stdin/stdout, for tests and editors other than VS Code (VS Code runs the session inline).
import { WidgetDebugSession } from './widgetDebugSession';

WidgetDebugSession.run(WidgetDebugSession);
