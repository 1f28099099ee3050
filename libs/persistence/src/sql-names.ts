// SQL that a library runs against another library's table names its columns through the owning
// library's entity: renaming a property breaks the compilation, renaming a column flows through.
import type { DataSource, EntityTarget } from 'typeorm';

export type SqlNames<K extends string> = { table: string } & Record<K, string>;

/** The table and column names of `props` of an entity, as the database knows them. */
export function sqlNamesOf<E, K extends keyof E & string>(
  dataSource: DataSource,
  entity: EntityTarget<E>,
  props: readonly K[],
): SqlNames<K> {
  const metadata = dataSource.getMetadata(entity);
  const names = { table: metadata.tableName } as SqlNames<K>;
  for (const prop of props) {
    const column = metadata.findColumnWithPropertyPath(prop);
    if (!column) throw new Error(`${metadata.name} has no column for ${prop}`);
    (names as Record<string, string>)[prop] = column.databaseName;
  }
  return names;
}
