import { describe, expect, it } from 'vitest';
import { InitialsAvatar, initialsOf } from './initials-avatar.tsx';

describe('initials avatars', () => {
  it('takes the first and last initials of a name, or the first letter of a handle', () => {
    expect(initialsOf('Ada Lovelace')).toBe('AL');
    expect(initialsOf('Jean-Luc de la Tour')).toBe('JT');
    expect(initialsOf('taesiri')).toBe('T');
    expect(initialsOf('ünsal')).toBe('Ü');
    expect(initialsOf('  ')).toBe('?');
    expect(initialsOf('<b>')).toBe('B');
  });

  it('draws them from the full name, escaped, and never loads the source avatar', () => {
    const html = String(
      <InitialsAvatar
        submitter={{
          userId: null,
          name: 'x<y',
          fullname: 'Xavier "Y" <Zed>',
          avatarUrl: 'https://cdn-avatars.huggingface.co/v1/production/uploads/x.png',
        }}
      />,
    );
    expect(html).toMatch(
      /^<span class="avatar" aria-hidden="true" style="--hue: \d{1,3}">XZ<\/span>$/,
    );
    expect(html).not.toContain('huggingface');
  });
});
