import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Django's `auth_user` row (django.contrib.auth.models.User), column for column. */
@Entity({ name: 'auth_user' })
export class User {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  /** Django's encoded hash (`argon2$...`, `pbkdf2_sha256$...`, `!...` when unusable). */
  @Column({ type: 'varchar', length: 128 })
  password: string;

  @Column({ name: 'last_login', type: 'timestamptz', nullable: true })
  lastLogin: Date | null;

  @Column({ name: 'is_superuser', type: 'boolean' })
  isSuperuser: boolean;

  @Column({ type: 'varchar', length: 150, unique: true })
  username: string;

  @Column({ name: 'first_name', type: 'varchar', length: 150 })
  firstName: string;

  @Column({ name: 'last_name', type: 'varchar', length: 150 })
  lastName: string;

  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ name: 'is_staff', type: 'boolean' })
  isStaff: boolean;

  @Column({ name: 'is_active', type: 'boolean' })
  isActive: boolean;

  @Column({ name: 'date_joined', type: 'timestamptz' })
  dateJoined: Date;
}
