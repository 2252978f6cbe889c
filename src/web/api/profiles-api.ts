/** Profiles, skills, uploads and talent search. */
import type {
  ClientProfile,
  ClientProfileInput,
  FreelancerProfile,
  MyProfiles,
  PublicFreelancer,
  TalentSearchResult,
} from '../../shared/profiles-contracts';
import type { Role } from '../../shared/contracts';
import type { FileView } from '../../shared/files-contracts';
import { ApiError, apiRequest } from './client';

export interface SkillOption {
  id: string;
  name: string;
  categoryId: string;
}

export const fetchMyProfiles = () => apiRequest<MyProfiles>('GET', '/me/profiles');
export const saveFreelancerProfile = (body: Record<string, unknown>) => apiRequest<FreelancerProfile>('PUT', '/me/profiles/freelancer', body);
export const saveClientProfile = (body: Partial<ClientProfileInput>) => apiRequest<ClientProfile>('PUT', '/me/profiles/client', body);
export const addRole = (role: Role) => apiRequest<MyProfiles>('POST', '/me/roles', { role });
/** The freelancer profile's lists, named as in their paths. */
export type EntryKind = 'portfolio' | 'employment' | 'education' | 'certifications';
export const addEntry = (kind: EntryKind, body: Record<string, unknown>) => apiRequest<unknown>('POST', `/me/profiles/freelancer/${kind}`, body);
export const removeEntry = (kind: EntryKind, id: string) => apiRequest<void>('DELETE', `/me/profiles/freelancer/${kind}/${encodeURIComponent(id)}`);
export const searchSkills = (q: string) => apiRequest<{ skills: SkillOption[] }>('GET', `/skills?q=${encodeURIComponent(q)}`);
export const fetchFreelancer = (id: string) => apiRequest<PublicFreelancer>('GET', `/freelancers/${encodeURIComponent(id)}`);
export const searchTalent = (query: string) => apiRequest<TalentSearchResult>('GET', `/freelancers?${query}`);

/** Uploads the profile photo as multipart/form-data. */
export const uploadPhoto = (file: File) => upload<{ photo: { url: string; width: number; height: number } }>('/api/v1/me/profiles/freelancer/photo', file);
/** Uploads an image or PDF for a portfolio item; its id goes into the item's `images`. */
export const uploadPortfolioFile = (file: File) => upload<FileView>('/api/v1/files?purpose=portfolio', file);

/** Uploads are the calls that are not JSON. */
async function upload<T>(url: string, file: File): Promise<T> {
  const form = new FormData();
  form.append('file', file);
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', body: form, credentials: 'same-origin' });
  } catch {
    throw new ApiError({ status: 0, code: 'network_error', title: 'The server could not be reached.' });
  }
  const body = await response.json().catch(() => undefined);
  if (response.ok) return body;
  throw new ApiError(body?.code ? { ...body, status: response.status } : { status: response.status, code: 'internal_error', title: 'Upload failed.' });
}
