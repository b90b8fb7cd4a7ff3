import { Route, Switch } from 'wouter';
import { AppBuilderRoute } from './app-builder-route.tsx';
import { AppsListRoute } from './apps-list-route.tsx';
import { AppsSignInRoute } from './apps-sign-in-route.tsx';
import { SignInRoute, SignUpRoute } from './auth-routes.tsx';
import { InviteRoute } from './invite-route.tsx';
import { NotFoundRoute } from './not-found-route.tsx';
import { TokensRoute } from './tokens-route.tsx';
import { WorkspaceMembersRoute } from './workspace-members-route.tsx';

export function AppRoutes() {
  return (
    <Switch>
      <Route path="/signin" component={SignInRoute} />
      <Route path="/signup" component={SignUpRoute} />
      <Route path="/" component={AppsListRoute} />
      <Route path="/settings/tokens" component={TokensRoute} />
      <Route path="/apps-sign-in" component={AppsSignInRoute} />
      <Route path="/workspaces/:workspaceId/members">
        {(params: { workspaceId: string }) => <WorkspaceMembersRoute workspaceId={params.workspaceId} />}
      </Route>
      <Route path="/invite/:token">
        {(params: { token: string }) => <InviteRoute token={params.token} />}
      </Route>
      <Route path="/apps/:appId">
        {(params: { appId: string }) => <AppBuilderRoute appId={params.appId} />}
      </Route>
      <Route component={NotFoundRoute} />
    </Switch>
  );
}
