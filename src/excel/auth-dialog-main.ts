/** auth-dialog.html's entry (webpack.config.js): see auth-dialog.ts. */
import { runAuthDialog } from "./auth-dialog";

runAuthDialog();
