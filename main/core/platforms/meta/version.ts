// [Note: Graph API version] The one Graph API version every Meta call names (Facebook
// Pages and Instagram alike): graph.facebook.com/{version}/…, the login dialog at
// www.facebook.com/{version}/dialog/oauth and rupload's upload paths. Meta keeps a version
// for at least two years and then answers it as the oldest one it still serves, so this
// moves forward with Starling's releases, in this one place.
export const graphVersion = 'v24.0';
