import { Ctx, Field, ID, ObjectType, Query, registerEnumType, Resolver } from 'type-graphql';
import type { Context } from './context';
import { NULL_WHEN_UNANSWERED } from './errors';
import type { Identity, Role } from './identity';

/** The roles as GraphQL names them. */
export const RoleName = { READER: 'reader', EDITOR: 'editor', ADMIN: 'admin' } as const satisfies Record<string, Role>;
registerEnumType(RoleName, {
  name: 'Role',
  description: 'What a caller may do: READER reads (every anonymous caller), EDITOR edits its agency’s records, ADMIN edits anything.',
});

@ObjectType({ description: 'Who the hub takes the caller for: what their token or API key proved, or an anonymous reader.' })
export class Viewer implements Identity {
  @Field({ description: 'The token’s subject, `api-key:<id>` for an API key, or `anonymous`.' })
  subject!: string;

  @Field(() => RoleName)
  role!: Role;

  @Field(() => ID, { nullable: true, description: 'The party the caller acts for (`forem`, `gov_wallonia`…); null for an anonymous reader.' })
  agency!: string | null;

  @Field({ description: 'What proved it: `token <id>`, `api-key <id>`, or `anonymous`. Never a secret.' })
  credential!: string;
}

/** `viewer`: lets a dashboard or a script check which credentials the hub accepted, before it writes. */
@Resolver()
export class ViewerResolver {
  @Query(() => Viewer, { nullable: true, description: `Who the hub takes the caller for (sign-in: README "Sign-in"). ${NULL_WHEN_UNANSWERED}` })
  viewer(@Ctx() { identity }: Context): Viewer {
    return identity;
  }
}
