/**
 * Adds a portfolio item: a title, a few words, a link, and up to 8 images or PDFs. The files
 * are uploaded first (each sniffed and re-encoded by the server), then the item names them.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { errorMessage, fieldErrors } from '../../api/error-messages';
import { addEntry, uploadPortfolioFile } from '../../api/profiles-api';
import { Button } from '../ui/button';
import { TextAreaField } from '../ui/text-area-field';
import { TextField } from '../ui/text-field';

const MAX_FILES = 8;

export function PortfolioForm() {
  const fileInput = useId();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [link, setLink] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [formKey, setFormKey] = useState(0);
  const add = useMutation({
    mutationFn: async () => {
      const images: string[] = [];
      for (const file of files) images.push((await uploadPortfolioFile(file)).id);
      return addEntry('portfolio', { title, description: description || null, link: link.trim() || null, images });
    },
    onSuccess: async () => {
      setTitle('');
      setDescription('');
      setLink('');
      setFiles([]);
      // A new key empties the file input, which React cannot set.
      setFormKey((k) => k + 1);
      await queryClient.invalidateQueries({ queryKey: ['my-profiles'] });
    },
  });
  const errors = fieldErrors(add.error);
  const tooMany = files.length > MAX_FILES;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!add.isPending && !tooMany) add.mutate();
  };
  return (
    <form key={formKey} onSubmit={onSubmit} noValidate aria-label="Add a portfolio item" className="space-y-4">
      <TextField label="Project title" name="portfolioTitle" value={title} onChange={(e) => setTitle(e.target.value)} errors={errors.title} />
      <TextAreaField label="What you did" name="portfolioDescription" value={description} onChange={(e) => setDescription(e.target.value)} errors={errors.description} />
      <TextField label="Link (optional)" name="portfolioLink" placeholder="https://" value={link} onChange={(e) => setLink(e.target.value)} errors={errors.link} />
      <div className="space-y-1.5">
        <label htmlFor={fileInput} className="block text-sm font-semibold text-ink-900">
          Images or PDFs (up to {MAX_FILES}, 10 MB each)
        </label>
        <input id={fileInput} type="file" multiple accept="image/jpeg,image/png,image/webp,image/gif,application/pdf" onChange={(e) => setFiles([...(e.target.files ?? [])])} className="text-sm" />
        {tooMany && <p role="alert" className="text-sm text-danger-700">Choose at most {MAX_FILES} files.</p>}
      </div>
      {add.isError && !Object.keys(errors).length && <p role="alert" className="text-sm text-danger-700">{errorMessage(add.error)}</p>}
      {add.isSuccess && <p role="status" className="text-sm text-ink-700">Portfolio item added.</p>}
      <Button type="submit" variant="secondary" pending={add.isPending} pendingLabel="Adding…">
        Add to portfolio
      </Button>
    </form>
  );
}
