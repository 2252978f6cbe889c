/** The profile photo: choose a file, see it cropped to the square that will be stored, upload. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { errorMessage } from '../../api/error-messages';
import { uploadPhoto } from '../../api/profiles-api';
import { Button } from '../ui/button';

export function PhotoUpload({ current }: { current: { url: string } | null }) {
  const id = useId();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  useEffect(() => {
    if (!file) return setPreview(null);
    const url = URL.createObjectURL(file);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);
  const upload = useMutation({
    mutationFn: () => uploadPhoto(file!),
    onSuccess: async () => {
      setFile(null);
      await queryClient.invalidateQueries({ queryKey: ['my-profiles'] });
    },
  });
  const shown = preview ?? current?.url ?? null;
  return (
    <section aria-labelledby={`${id}-title`} className="space-y-3 rounded-xl border border-ink-200 bg-white p-5">
      <h2 id={`${id}-title`} className="text-lg font-semibold text-ink-900">Profile photo</h2>
      <div className="flex flex-wrap items-center gap-4">
        {shown ? (
          // The stored photo is a centred square: the preview crops the same way.
          <img src={shown} alt={preview ? 'Preview of the new photo' : 'Your profile photo'} className="size-28 rounded-full object-cover" />
        ) : (
          <span className="flex size-28 items-center justify-center rounded-full bg-ink-100 text-sm text-ink-600">No photo</span>
        )}
        <div className="space-y-2">
          <label htmlFor={id} className="block text-sm font-semibold text-ink-900">
            Choose a JPEG, PNG, WebP or GIF (up to 5 MB)
          </label>
          <input id={id} type="file" accept="image/jpeg,image/png,image/webp,image/gif" onChange={(e) => setFile(e.target.files?.[0] ?? null)} className="text-sm" />
          {file && (
            <Button pending={upload.isPending} pendingLabel="Uploading…" onClick={() => upload.mutate()}>
              Upload photo
            </Button>
          )}
          {upload.isError && <p role="alert" className="text-sm text-danger-700">{errorMessage(upload.error)}</p>}
          {upload.isSuccess && <p role="status" className="text-sm text-ink-700">Photo saved.</p>}
        </div>
      </div>
    </section>
  );
}
