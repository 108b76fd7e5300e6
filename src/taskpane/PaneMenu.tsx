/** The pane's menu: places that are not steps of the import, such as "Check this Excel" and Clear marks. */
import { Menu, MenuButton, MenuItem, MenuList, MenuPopover, MenuTrigger } from "@fluentui/react-components";
import { balanceMessages, diagnosticMessages as text, paneMessages } from "../workflows/pane-types";

export function PaneMenu(props: {
  onDiagnostics: () => void;
  onClearMarks: () => void;
  onLedger: () => void;
}) {
  return (
    <Menu>
      <MenuTrigger disableButtonEnhancement>
        <MenuButton appearance="subtle" size="small">
          {text.menu}
        </MenuButton>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          <MenuItem onClick={props.onClearMarks}>{paneMessages.clearMarks}</MenuItem>
          <MenuItem onClick={props.onLedger}>{balanceMessages.ledgerMenu}</MenuItem>
          <MenuItem onClick={props.onDiagnostics}>{text.menuItem}</MenuItem>
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
