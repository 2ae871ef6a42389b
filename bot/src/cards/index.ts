// Public surface of the card renderers: pure functions from protocol values to Adaptive Card 1.5 JSON.
export * from './contract';
export { itemCard, cardActionsFor } from './item-card';
export { solicitudIntakeCard, type IntakeOptions } from './solicitud-intake';
export { convenioIntakeCard } from './convenio-intake';
export { intakeAgain } from './intake-again';
export { helpCard, COMMANDS } from './help-card';
export { welcomeCard } from './welcome-card';
export { errorCard } from './error-card';
export { refusalCard } from './refusal-card';
export { listCard, listRow, MAX_ROWS } from './list-card';
export { commandFromCard, commandFromInvoke, createFromInvoke, inputId, inputPrefix, splitItemVerb } from './inputs';
export { runningDeadline, dueView } from './running-deadline';
