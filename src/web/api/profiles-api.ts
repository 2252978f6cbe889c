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
export const addEmployment = (body: Record<string, unknown>) => apiRequest<unknown>('POST', '/me/profiles/freelancer/employment', body);
export const searchSkills = (q: string) => apiRequest<{ skills: SkillOption[] }>('GET', `/skills?q=${encodeURIComponent(q)}`);
export const fetchFreelancer = (id: string) => apiRequest<PublicFreelancer>('GET', `/freelancers/${encodeURIComponent(id)}`);
export const searchTalent = (query: string) => apiRequest<TalentSearchResult>('GET', `/freelancers?${query}`);

/** Uploads the profile photo as multipart/form-data (the one call that is not JSON). */
export async function uploadPhoto(file: File): Promise<{ photo: { url: string; width: number; height: number } }> {
  const form = new FormData();
  form.append('file', file);
  let response: Response;
  try {
    response = await fetch('/api/v1/me/profiles/freelancer/photo', { method: 'POST', body: form, credentials: 'same-origin' });
  } catch {
    throw new ApiError({ status: 0, code: 'network_error', title: 'The server could not be reached.' });
  }
  const body = await response.json().catch(() => undefined);
  if (response.ok) return body;
  throw new ApiError(body?.code ? { ...body, status: response.status } : { status: response.status, code: 'internal_error', title: 'Upload failed.' });
}
