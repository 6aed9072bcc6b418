/** Renders the open dialog (one at a time) for the profile it is about; closes it if that profile disappears. */
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../store';
import { ProfileFormDialog } from './ProfileForm/ProfileFormDialog';
import { RemoveDialog } from './RemoveDialog';
import { RotationDialog } from './RotationDialog';

export function DialogHost() {
  const { dialog, byId, close } = useApp(useShallow((s) => ({ dialog: s.dialog, byId: s.index.byId, close: s.closeDialog })));
  const profile = dialog && dialog.type !== 'add' ? byId.get(dialog.profileId) : undefined;
  const gone = dialog !== null && dialog.type !== 'add' && !profile;
  useEffect(() => {
    // Removing a profile closes its dialog; so does its vanishing from main's state.
    if (gone && dialog?.type !== 'rotate') close();
  }, [gone, dialog, close]);
  if (!dialog) return null;
  switch (dialog.type) {
    case 'add':
      return <ProfileFormDialog onClose={close} />;
    case 'edit':
      return profile ? <ProfileFormDialog key={profile.id} profile={profile} onClose={close} /> : null;
    case 'remove':
      return profile ? <RemoveDialog profile={profile} onClose={close} /> : null;
    case 'rotate':
      return profile ? <RotationDialog profile={profile} onClose={close} /> : null;
  }
}
