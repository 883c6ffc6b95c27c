/**
 * Every TypeORM entity of the server, listed explicitly (feature modules own the
 * classes) so that the server and the TypeORM CLI see the same set.
 */
export const ENTITIES: Function[] = [];
