// Text for screen readers only (a table's caption, a column header over checkboxes): out of sight, still read.
import type { GriffelStyle } from '@fluentui/react-components';

export const VISUALLY_HIDDEN: GriffelStyle = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  margin: '-1px',
  padding: 0,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
};
