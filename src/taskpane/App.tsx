/** Placeholder until the pane's components land: an empty landmark, so the bundle can be checked. */
export default function App() {
  return <main id="crm-pane" />;
}
