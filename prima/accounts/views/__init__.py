"""Views of accounts by topic: ``auth`` (sign-in, two-factor, passwords, invitations under
/akun/) and ``members`` (people and roles of one satker under /staf/satker/<code>/pengguna/)."""
