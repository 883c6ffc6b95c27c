import { PARSER_MEDIA_TYPES } from './media-types';
import type { DrfRequest } from './request';
import type { DrfView } from './view';

/** DRF's SimpleMetadata body for OPTIONS (renders lists the Browsable API too, as the reference does). */
export async function viewMetadata(view: DrfView, req: DrfRequest): Promise<Record<string, unknown>> {
  const body: Record<string, unknown> = {
    name: view.name,
    description: view.description ?? '',
    renders: ['application/json', 'text/html'],
    parses: PARSER_MEDIA_TYPES,
  };
  const actions = await view.metadataActions?.(req);
  if (actions) body.actions = actions;
  return body;
}
