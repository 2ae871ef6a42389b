/** Roles of the protocol. Identifiers in code are Spanish words users also see, so they never drift apart. */
export const ROLES = [
  'funcionario', // any official: may request data (§2a) and propose a convenio
  'responsable_unidad', // answers requests addressed to its unit (§2c); always scoped to a unit
  'ugdt', // Unidad de Gestión de Datos Territoriales: monitors every internal request (§2b)
  'secplan', // owns external exchanges (§3, §4)
  'administrador_municipal', // chairs the Comité de Datos, decides the needs assessment (§3a)
  'daj', // Dirección de Asesoría Jurídica: visación (§3b, §5e)
  'alcalde', // signs for the municipality and approves by decree (§6)
  'secretaria_municipal', // Oficina de Partes: registers decrees as ministro de fe
  'control', // Dirección de Control: read-only auditor
  'admin_ti', // IT: operates the service, no protocol rights
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  funcionario: 'Funcionario(a)',
  responsable_unidad: 'Responsable de unidad',
  ugdt: 'UGDT',
  secplan: 'SECPLAN',
  administrador_municipal: 'Administrador(a) Municipal',
  daj: 'Dirección de Asesoría Jurídica',
  alcalde: 'Alcalde(sa)',
  secretaria_municipal: 'Secretaría Municipal',
  control: 'Dirección de Control',
  admin_ti: 'Informática',
};
