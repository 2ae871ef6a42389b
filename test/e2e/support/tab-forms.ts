// The tab's forms filled as a person would, in a page or in a frame (the form inside a Teams dialog).
import type { Frame, Page } from 'playwright-core';

/**
 * A complete, valid «Nueva solicitud de datos» to DIDECO: three fields, uso interno, no personal data, a structured
 * legal basis (rule 6: the basis of lawfulness and the norm that grants the competence), needed by 30-09-2026, typed
 * as people write dates here (dd-mm-aaaa), whatever the browser's language.
 */
export async function fillSolicitudForm(scope: Page | Frame): Promise<void> {
  await scope.getByLabel('Unidad dueña del dato').selectOption('dideco');
  await scope.getByLabel('Nombre del conjunto de datos').fill('Beneficiarios de subsidios de agua potable por sector');
  await scope.getByLabel('Formato').selectOption('xlsx');
  const campos = scope.getByLabel('Campos');
  await campos.fill('sector, cantidad_beneficiarios, monto');
  await campos.press('Enter');
  await scope.getByLabel('Clasificación de acceso').selectOption('uso_interno');
  await scope.getByLabel('Clasificación de privacidad').selectOption('no_personal');
  await scope.getByLabel('Propósito').fill('Planificar la extensión de la red de agua potable rural');
  await scope.getByLabel('Justificación').fill('La DOM prioriza obras de agua potable según cobertura de subsidios');
  await scope.getByLabel('Beneficios esperados').fill('Obras focalizadas en los sectores con menor cobertura');
  await scope.getByLabel('Base de licitud').selectOption('funciones_legales');
  await scope.getByLabel('Ley que otorga la competencia').fill('Ley 18.695');
  await scope.getByRole('textbox', { name: /^Artículo/ }).fill('art. 3 y 4');
  await scope.getByLabel('Se necesita para').fill('30-09-2026');
}
