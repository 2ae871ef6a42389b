// A convenio's documents, every version kept: which draft, its file and SHA-256, who registered it and when, and the
// visaciones and signatures bound to that exact version (documents never change silently).
import {
  Link,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Tooltip,
  makeStyles,
} from '@fluentui/react-components';
import type { DocumentRow } from '../../../protocol';
import { shortHash } from '../../../protocol';
import { fechaHora } from '../format';
import { ErrorBox, Loading } from './status';
import { Section } from './detail-facts';

const useStyles = makeStyles({
  scroll: { overflowX: 'auto' },
  hash: { fontFamily: 'ui-monospace, Consolas, monospace' },
  bound: { margin: 0, paddingLeft: '16px' },
});

export function Documents({
  rows,
  error,
  loading,
  retry,
}: {
  rows: DocumentRow[] | undefined;
  error?: string | undefined;
  loading: boolean;
  retry: () => void;
}) {
  const s = useStyles();
  return (
    <Section title="Documentos y versiones" id="documentos">
      {error ? (
        <ErrorBox title="No se pudieron cargar los documentos" message={error} retry={retry} />
      ) : !rows && loading ? (
        <Loading label="Cargando documentos…" />
      ) : !rows || rows.length === 0 ? (
        <p style={{ margin: 0 }}>Aún no hay documentos registrados.</p>
      ) : (
        <div className={s.scroll}>
          <Table size="small" aria-label="Versiones de los documentos del convenio">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Versión</TableHeaderCell>
                <TableHeaderCell>Tipo</TableHeaderCell>
                <TableHeaderCell>Archivo</TableHeaderCell>
                <TableHeaderCell>SHA-256</TableHeaderCell>
                <TableHeaderCell>Registrado</TableHeaderCell>
                <TableHeaderCell>Visaciones y firmas</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((d) => (
                <TableRow key={`${d.kind}-${d.version}-${d.sha256}`}>
                  <TableCell>{d.version}</TableCell>
                  <TableCell>{d.kindLabel}</TableCell>
                  <TableCell>
                    {d.url ? (
                      <Link href={d.url} target="_blank" rel="noopener noreferrer" inline>
                        {d.fileName}
                      </Link>
                    ) : (
                      d.fileName
                    )}
                  </TableCell>
                  <TableCell>
                    <Tooltip content={d.sha256} relationship="description">
                      <span className={s.hash} tabIndex={0}>
                        {shortHash(d.sha256)}
                      </span>
                    </Tooltip>
                  </TableCell>
                  <TableCell>
                    {d.by}, {fechaHora(d.at)}
                  </TableCell>
                  <TableCell>
                    {d.boundTo.length ? (
                      <ul className={s.bound}>
                        {d.boundTo.map((b) => (
                          <li key={b}>{b}</li>
                        ))}
                      </ul>
                    ) : (
                      '—'
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </Section>
  );
}
