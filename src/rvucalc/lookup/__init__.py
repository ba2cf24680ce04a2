"""One line or one encounter: validate the request, find the place, choose CMS's rows, apply the rules."""
