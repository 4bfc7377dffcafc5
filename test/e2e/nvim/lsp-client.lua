-- test/e2e/nvim/lsp-client.lua: Neovim 0.7's built-in LSP client as a second, independent client of
-- `junos-ipsec lsp --stdio`: diagnostics, completion and hover on the seed's r2.conf.
-- Usage: LSP_CMD='node bin/junos-ipsec.js lsp --stdio' EXPECT_DIAGNOSTICS=N \
--          nvim --headless --clean -u test/e2e/nvim/lsp-client.lua examples/seed-as-published/r2.conf
-- Prints what it saw; exit status 0 when every check passed, 1 when one failed, 2 on timeout, 3 when the
-- client could not start.
local cmd = vim.split(assert(os.getenv('LSP_CMD'), 'LSP_CMD not set'), ' ', { trimempty = true })
local timeout = tonumber(os.getenv('LSP_TIMEOUT_MS') or '20000')
local expect_count = tonumber(os.getenv('EXPECT_DIAGNOSTICS') or '-1')
local file = vim.fn.argv(0)
local failures = 0

local function out(s) io.stdout:write(s .. '\n') end
local function check(ok, what)
  out((ok and 'ok   ' or 'FAIL ') .. what)
  if not ok then failures = failures + 1 end
end
local function finish(code)
  for _, c in pairs(vim.lsp.get_active_clients()) do c.stop(true) end
  io.stdout:flush()
  os.exit(code)
end

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
vim.bo[bufnr].filetype = 'junos'
local published = false
local client_id = vim.lsp.start_client({
  name = 'junos-ipsec',
  cmd = cmd,
  root_dir = vim.fn.fnamemodify(file, ':p:h'),
  handlers = {
    ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
      vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
      if result and result.uri == vim.uri_from_bufnr(bufnr) and #result.diagnostics > 0 then published = true end
    end,
  },
})
if not client_id then out('ERROR: could not start the LSP client'); finish(3) end
vim.lsp.buf_attach_client(bufnr, client_id)
if not vim.wait(timeout, function() return published end, 50) then
  out('ERROR: no diagnostics within ' .. timeout .. ' ms'); finish(2)
end
local client = vim.lsp.get_client_by_id(client_id)

-- diagnostics: the undefined IKE proposal at 78:27, and as many as the CLI reports
local diags = vim.diagnostic.get(bufnr)
local found = false
for _, d in ipairs(diags) do
  out(('  %s:%d:%d: %s'):format(file, d.lnum + 1, d.col + 1, d.message))
  if d.lnum == 77 and d.col == 26 and d.message:find("'demo%-proposal' names an IKE proposal that is not configured") then found = true end
end
check(found, 'diagnostic for the undefined proposal at 78:27')
if expect_count >= 0 then check(#diags == expect_count, ('%d diagnostics, as the CLI reports (%d)'):format(#diags, expect_count)) end

-- completion where the seed names the undefined proposal
local line = vim.api.nvim_buf_get_lines(bufnr, 77, 78, false)[1]
local col = line:find('demo-proposal', 1, true) - 1
local uri = vim.uri_from_bufnr(bufnr)
local completion = client.request_sync('textDocument/completion', { textDocument = { uri = uri }, position = { line = 77, character = col } }, timeout, bufnr)
local labels = {}
local items = completion and completion.result and (completion.result.items or completion.result) or {}
for _, item in ipairs(items) do labels[item.label] = true end
check(labels['ike-demo-proposal'] == true, 'completion offers ike-demo-proposal (' .. #items .. ' items)')

-- hover on the `proposals` keyword
local kw = line:find('proposals', 1, true) + 1
local hover = client.request_sync('textDocument/hover', { textDocument = { uri = uri }, position = { line = 77, character = kw } }, timeout, bufnr)
local value = hover and hover.result and hover.result.contents and (hover.result.contents.value or '') or ''
out('  hover: ' .. value:gsub('\n', ' '):sub(1, 160))
check(value:find('services ipsec%-vpn ike policy') ~= nil, 'hover on proposals shows its documentation')

finish(failures == 0 and 0 or 1)
